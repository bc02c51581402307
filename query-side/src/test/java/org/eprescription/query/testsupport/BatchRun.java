package org.eprescription.query.testsupport;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs event handlers as a pooled event processor does: one {@link BatchingUnitOfWork} per batch, in one Spring
 * transaction on {@link #template()}'s connection, committed after the last event. Records the SQL of every statement
 * prepared on that data source, so a test can count what a batch sends to PostgreSQL.
 */
public final class BatchRun {

    /** What handles one event of the batch. */
    @FunctionalInterface
    public interface Handler {
        void handle(EventMessage<?> event) throws Exception;
    }

    private final List<String> prepared = new CopyOnWriteArrayList<>();
    private final DataSource recording;
    private final DataSourceTransactionManager transactions;
    private final JdbcTemplate template;
    private volatile boolean commitFails;

    public BatchRun(DataSource dataSource) {
        this.recording = recording(dataSource);
        this.transactions = new DataSourceTransactionManager(recording);
        this.template = new JdbcTemplate(recording);
    }

    /** Statements through this template join the batch's transaction and are recorded. */
    public JdbcTemplate template() {
        return template;
    }

    /** Handles {@code events} as one batch; throws what a handler threw, after the batch rolled back. */
    public void batch(List<? extends EventMessage<?>> events, Handler handler) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.copyOf(events));
        unitOfWork.attachTransaction(transactionManager());
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            handler.handle((EventMessage<?>) CurrentUnitOfWork.get().getMessage());
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            throw new IllegalStateException("the batch failed and rolled back", result.exceptionResult());
        }
    }

    /**
     * Handles {@code events} as one batch that fails after its last event, as when the processor cannot store its
     * token: the batch rolls back, and this throws as {@link #batch} does.
     */
    public void batchFailingAtTheEnd(List<? extends EventMessage<?>> events, Handler handler) {
        EventMessage<?> last = events.get(events.size() - 1);
        batch(events, event -> {
            handler.handle(event);
            if (event == last) {
                throw new IllegalStateException("the token could not be stored");
            }
        });
    }

    /**
     * Handles {@code events} as one batch whose commit fails after everything was prepared for it (the held rows
     * written, the notices to other nodes queued), as when the connection to the database breaks at the commit: the
     * batch rolls back, and this throws as {@link #batch} does.
     */
    public void batchFailingAtCommit(List<? extends EventMessage<?>> events, Handler handler) {
        commitFails = true;
        try {
            batch(events, handler);
        } finally {
            commitFails = false;
        }
    }

    /** How many statements prepared since the last {@link #forget} contain {@code fragment} (case-insensitive). */
    public long prepared(String fragment) {
        String lower = fragment.toLowerCase(Locale.ROOT);
        return prepared.stream().filter(sql -> sql.toLowerCase(Locale.ROOT).contains(lower)).count();
    }

    /** How many reads of {@code table} were prepared since the last {@link #forget}. */
    public long reads(String table) {
        return prepared.stream().map(sql -> sql.strip().toLowerCase(Locale.ROOT))
                .filter(sql -> sql.startsWith("select") && sql.contains("from " + table.toLowerCase(Locale.ROOT)))
                .count();
    }

    public void forget() {
        prepared.clear();
    }

    private TransactionManager transactionManager() {
        return () -> {
            TransactionStatus status = transactions.getTransaction(new DefaultTransactionDefinition());
            return new Transaction() {
                @Override
                public void commit() {
                    if (commitFails) {
                        transactions.rollback(status);
                        throw new IllegalStateException("the commit failed");
                    }
                    transactions.commit(status);
                }

                @Override
                public void rollback() {
                    if (!status.isCompleted()) {
                        transactions.rollback(status);
                    }
                }
            };
        };
    }

    private DataSource recording(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    Object answer = invoke(method, target, args);
                    return answer instanceof Connection connection ? recording(connection) : answer;
                });
    }

    private Connection recording(Connection target) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                        prepared.add(sql);
                    }
                    return invoke(method, target, args);
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
