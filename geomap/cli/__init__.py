"""geomap's command line: thin click commands over the library."""
