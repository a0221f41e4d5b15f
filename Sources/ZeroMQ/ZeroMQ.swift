// The ZeroMQ module's sources land here.
