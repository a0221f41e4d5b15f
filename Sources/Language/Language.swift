// The Language module's sources land here.
