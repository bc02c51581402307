package org.eprescription.api.command;

/**
 * A write that belongs with a command a request sends (the patient's access-log entry for the check it answers with,
 * the mark that the request's command is recorded): made in the command's own transaction, so that the command and
 * the write are stored together or not at all (docs/architecture.md, "Writes beside a command").
 */
@FunctionalInterface
public interface CommandSideWrite {

    void write(HandledCommand command);
}
