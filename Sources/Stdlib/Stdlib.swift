// The Stdlib module's sources land here.
