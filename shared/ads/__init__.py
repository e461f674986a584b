"""Marketing intelligence: Google Ads, Search Console and GA4 joined with our bookings,
and recommendations that change the ad account only once staff approve them."""
