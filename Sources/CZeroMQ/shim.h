#include <zmq.h>
/* The kernel's threads wait on libzmq's event descriptors with plain poll, next to a timerfd
   (DeadlineTimer), which Glibc's Swift module leaves out. */
#include <sys/timerfd.h>
