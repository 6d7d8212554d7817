package org.accommodate.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * Standard input when it is the terminal: the first read says how to end what is typed, as
 * {@code letter -} otherwise waits with nothing on the screen.
 */
final class TypedInput extends FilterInputStream {
  private final PrintWriter err;
  private boolean told;

  TypedInput(InputStream in, PrintWriter err) {
    super(in);
    this.err = err;
  }

  private void tell() {
    if (!told) {
      told = true;
      err.println("Reading the request from the terminal; end it with Ctrl-D on a line of its own.");
      err.flush();
    }
  }

  @Override
  public int read() throws IOException {
    tell();
    return super.read();
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    tell();
    return super.read(bytes, offset, length);
  }
}
