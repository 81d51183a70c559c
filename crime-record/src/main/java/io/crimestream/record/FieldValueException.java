package io.crimestream.record;

/** A field's value could not be read or breaks a rule; carries the reason metrics count by. */
public final class FieldValueException extends Exception {
  private static final long serialVersionUID = 1L;
  private final RejectReason reason;
  private final CrimeField field;

  public FieldValueException(RejectReason reason, CrimeField field, String detail) {
    super(detail, null, false, false); // expected bad input: no stack trace to fill or log
    this.reason = reason;
    this.field = field;
  }

  public RejectReason reason() {
    return reason;
  }

  public CrimeField field() {
    return field;
  }

  public Rejection toRejection(String source, long line) {
    return new Rejection(source, line, reason, field, getMessage());
  }
}
