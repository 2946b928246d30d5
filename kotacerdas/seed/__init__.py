"""Demo and synthetic national data for every app, apart from the domain code.

Stands above the domain apps: it imports them and writes through their services (or,
for synthetic load data, with bulk inserts); none of them imports it. The `demo` and
`seed-national` commands live here.
"""
