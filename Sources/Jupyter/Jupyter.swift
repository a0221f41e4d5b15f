// The Jupyter module's sources land here.
