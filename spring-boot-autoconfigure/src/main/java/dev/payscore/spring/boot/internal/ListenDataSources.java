package dev.payscore.spring.boot.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.ClassUtils;

/**
 * The LISTEN connection's source: a plain, unpooled one with the pool's URL, user and driver
 * properties, so that a connection held while payscore runs is neither lost to the pool nor
 * reported by its leak detection. Empty when the pool is not a HikariCP one with a JDBC URL
 * (payscore then borrows from the pool).
 */
public final class ListenDataSources {
  private static final boolean HIKARI =
      ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource", ListenDataSources.class.getClassLoader());

  private ListenDataSources() {}

  public static Optional<DataSource> outsideThePool(DataSource pool) {
    if (!HIKARI) {
      return Optional.empty();
    }
    return Hikari.of(pool);
  }

  /** Apart, so that HikariCP is loaded only when present. */
  private static final class Hikari {
    static Optional<DataSource> of(DataSource pool) {
      if (!(pool instanceof HikariDataSource hikari) || hikari.getJdbcUrl() == null) {
        return Optional.empty();
      }
      Driver driver;
      try {
        driver = DriverManager.getDriver(hikari.getJdbcUrl());
      } catch (SQLException e) {
        return Optional.empty();
      }
      Properties properties = new Properties();
      properties.putAll(hikari.getDataSourceProperties());
      if (hikari.getUsername() != null) {
        properties.setProperty("user", hikari.getUsername());
      }
      if (hikari.getPassword() != null) {
        properties.setProperty("password", hikari.getPassword());
      }
      SimpleDriverDataSource plain = new SimpleDriverDataSource(driver, hikari.getJdbcUrl());
      plain.setConnectionProperties(properties);
      return Optional.of(plain);
    }
  }
}
