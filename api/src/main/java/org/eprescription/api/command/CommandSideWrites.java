package org.eprescription.api.command;

import jakarta.servlet.ServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.ArrayList;
import java.util.List;

/**
 * The writes a command's transaction is to make beside the command ({@link CommandSideWrite}): those of the request
 * (for every command it sends) and those of one sending. {@link CommandSender} hands them to the command's handling
 * through this thread; {@link SideWritesInterceptor} makes them inside the command's transaction. When the command is
 * handled on another thread (a command bus that routes, as Axon Server's does), nothing takes them there, and
 * {@link CommandSender} makes them itself right after the command, each in its own transaction.
 */
public final class CommandSideWrites {

    private static final String REQUEST_ATTRIBUTE = CommandSideWrites.class.getName();
    private static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();

    private CommandSideWrites() {
    }

    /** Adds a write that every command {@code request} sends makes in its transaction. */
    public static void addToRequest(ServletRequest request, CommandSideWrite write) {
        @SuppressWarnings("unchecked")
        List<CommandSideWrite> writes = (List<CommandSideWrite>) request.getAttribute(REQUEST_ATTRIBUTE);
        if (writes == null) {
            writes = new ArrayList<>(2);
            request.setAttribute(REQUEST_ATTRIBUTE, writes);
        }
        writes.add(write);
    }

    /** The writes of the current request, if any, and {@code write}, if any: offered to the next command handled here. */
    static Pending offer(CommandSideWrite write) {
        List<CommandSideWrite> writes = new ArrayList<>(ofCurrentRequest());
        if (write != null) {
            writes.add(write);
        }
        Pending pending = new Pending(writes);
        PENDING.set(pending);
        return pending;
    }

    /** Takes what was offered, so that a command that command handling sends in turn does not write it again. */
    static Pending take() {
        Pending pending = PENDING.get();
        PENDING.remove();
        return pending;
    }

    static void clear() {
        PENDING.remove();
    }

    @SuppressWarnings("unchecked")
    private static List<CommandSideWrite> ofCurrentRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object writes = request == null ? null : request.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return writes == null ? List.of() : (List<CommandSideWrite>) writes;
    }

    /** The writes for one attempt to send a command, and whether its handling made them. */
    static final class Pending {

        private final List<CommandSideWrite> writes;
        private volatile boolean written;

        private Pending(List<CommandSideWrite> writes) {
            this.writes = writes;
        }

        void write(HandledCommand command) {
            for (CommandSideWrite write : writes) {
                write.write(command);
            }
            written = true;
        }

        boolean written() {
            return written;
        }
    }
}
