"""Complete programs the documentation shows, kept here so that the tests can import, serve and check them."""
