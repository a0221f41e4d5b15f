// The Runner module's sources land here.
