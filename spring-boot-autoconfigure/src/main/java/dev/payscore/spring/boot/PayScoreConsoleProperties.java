package dev.payscore.spring.boot;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code payscore.console.*}: the operator console mounted in the application, behind its security.
 * Off unless {@code payscore.console.enabled=true}.
 */
@ConfigurationProperties("payscore.console")
public class PayScoreConsoleProperties {
  /** Mount the operator console (needs payscore-console on the class path). */
  private boolean enabled;

  /** Where it is mounted: secure this path (and everything below it) in your security chain. */
  private String path = "/payscore/console";

  /** Only these merchants (mchid); empty: every merchant. */
  private List<String> merchants = new ArrayList<>();

  /** Show the users' openid (hidden by default). */
  private boolean showPersonalData;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public List<String> getMerchants() {
    return merchants;
  }

  public void setMerchants(List<String> merchants) {
    this.merchants = merchants;
  }

  public boolean isShowPersonalData() {
    return showPersonalData;
  }

  public void setShowPersonalData(boolean showPersonalData) {
    this.showPersonalData = showPersonalData;
  }
}
