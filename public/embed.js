// The news-site loader (being written).
