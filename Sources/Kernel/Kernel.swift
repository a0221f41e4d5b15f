// The Kernel module's sources land here.
