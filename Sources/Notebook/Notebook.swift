// The Notebook module's sources land here.
