"""The masterplan's pages, by subject (the same subjects as services/ and api/).

Every page finds its masterplan through common.plan_for (another region's plan is a 404,
not a 403: its existence is private too) and writes through the services (a refused
write is the 403 page)."""
