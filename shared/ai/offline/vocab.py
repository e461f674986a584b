"""Word lists several extractors share, as regex fragments over normalised text.

They say what a number next to them is: "20 people" is a guest count, "20 minutes" is
not, "May 5" is a date unless "May 5 people come?".
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["adults", "children", "toddlers", "guests"]


def word_list(text: str) -> tuple[str, ...]:
    """A word list written as one whitespace-separated string, in order."""
    return tuple(text.split())


# Party-member nouns -> the count they feed. Teens are 13+, which the price book bills as adults.
GUEST_NOUNS: dict[str, Kind] = {
    "adult": "adults",
    "adults": "adults",
    "grownup": "adults",
    "grownups": "adults",
    "grown up": "adults",
    "grown ups": "adults",
    "grown-up": "adults",
    "grown-ups": "adults",
    "teen": "adults",
    "teens": "adults",
    "teenager": "adults",
    "teenagers": "adults",
    "kid": "children",
    "kids": "children",
    "kidz": "children",
    "kiddies": "children",
    "kiddo": "children",
    "kiddos": "children",
    "child": "children",
    "children": "children",
    "childs": "children",
    "youngster": "children",
    "youngsters": "children",
    "little one": "children",
    "little ones": "children",
    "littles": "children",
    "little kids": "children",
    "grandkids": "children",
    "grandchildren": "children",
    "toddler": "toddlers",
    "toddlers": "toddlers",
    "baby": "toddlers",
    "babies": "toddlers",
    "infant": "toddlers",
    "infants": "toddlers",
    "guest": "guests",
    "guests": "guests",
    "people": "guests",
    "person": "guests",
    "persons": "guests",
    "pax": "guests",
    "folks": "guests",
    "heads": "guests",
    "attendees": "guests",
    "attendee": "guests",
}
GUEST_NOUN = "(?:" + "|".join(sorted(GUEST_NOUNS, key=len, reverse=True)) + ")"

# A number followed by one of these measures something else.
UNIT = (
    r"(?:hours?|hr|h|minutes?|mins?|miles?|mi|km|days?|nights?|weeks?|wks?|months?|years?|"
    r"y/?o|dollars?|bucks|cents?|usd|pm|am|p|a|percent|%|k|lbs?|pounds?|oz|ft|feet|inches|"
    r"times?|chefs?|tables?|courses?|proteins?|portions?|pieces?|servings?|orders?|plates?|"
    r"bottles?|stars?|grills?|dogs?|cats?|o'?clock)"
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_ABBREVIATIONS = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "weds": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}


def month_number(word: str) -> int:
    """1-12 for a month name or abbreviation the patterns in this package matched."""
    return MONTH_ABBREVIATIONS.get(word) or MONTHS.index(word) + 1


MONTH = "(?:" + "|".join((*MONTHS, *MONTH_ABBREVIATIONS)) + r")\b\.?"
WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
WEEKDAY_ABBREVIATION = "(?:" + "|".join(sorted(WEEKDAY_ABBREVIATIONS, key=len, reverse=True)) + ")"
