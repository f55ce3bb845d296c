"""Tourism routes promoted to Guangzhou visitors (百企千团十万广东人游贵州), split by concern as Wagtail
splits its own models; every model is importable from ``tourism.models`` as before."""

from tourism.models.departures import Departure
from tourism.models.events import EventIndexPage, EventPage
from tourism.models.inquiries import GroupInquiryPage, InquiryFormField
from tourism.models.routes import CARD_RENDITION, RoutePage, RouteProduct, TourismIndexPage, chosen_products
from tourism.models.stories import CountyStory, CulturalStoryIndexPage, CulturalStoryPage, StoryProduct

__all__ = [
    "CARD_RENDITION",
    "CountyStory",
    "CulturalStoryIndexPage",
    "CulturalStoryPage",
    "Departure",
    "EventIndexPage",
    "EventPage",
    "GroupInquiryPage",
    "InquiryFormField",
    "RoutePage",
    "RouteProduct",
    "StoryProduct",
    "TourismIndexPage",
    "chosen_products",
]
