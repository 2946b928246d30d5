"""The masterplan's forms, by subject (the same subjects as views/ and services/).

The forms check the shape of the input (numbers are numbers, a row is complete); the
services decide what is allowed and say what is wrong with the content."""
