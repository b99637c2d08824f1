package dev.ciorchestrator.bench;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The benchmarks' connection pool: one connection per thread, kept open (its {@code close} does
 * nothing), as the service's Agroal pool keeps them, so a benchmark measures queries, not logins.
 */
final class ThreadConnections implements DataSource {
  private final DataSource target;
  private final ThreadLocal<Connection> mine = new ThreadLocal<>();

  private ThreadConnections(DataSource target) {
    this.target = target;
  }

  static DataSource of(DataSource target) {
    return new ThreadConnections(target);
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = mine.get();
    if (c == null || c.isClosed()) {
      Connection real = target.getConnection();
      c =
          (Connection)
              Proxy.newProxyInstance(
                  Connection.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                      if (!real.getAutoCommit()) {
                        real.rollback(); // what a pool does with a connection handed back
                        real.setAutoCommit(true);
                      }
                      return null;
                    }
                    try {
                      return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      mine.set(c);
    }
    return c;
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
