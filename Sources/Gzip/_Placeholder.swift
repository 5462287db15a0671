// placeholder until the Gzip module lands
