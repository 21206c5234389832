# One message from one thread to another: receiver() waits in recv() for what sender() passes to
# send(), and answers it. send and recv are the host's builtins; whether recv lets go of the GIL
# while it waits is the host's choice, and the whole of Gil_02.
def receiver():
    return recv()


def sender():
    send("hello")
