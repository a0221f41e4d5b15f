// The Pipeline module's sources land here.
