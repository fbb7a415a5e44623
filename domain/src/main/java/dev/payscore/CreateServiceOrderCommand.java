package dev.payscore;

import dev.payscore.domain.model.ConfirmationMode;
import java.util.Objects;

/**
 * Create {@code body} at WeChat for {@code mchid}, on behalf of {@code requestedBy}. The mode
 * follows {@code need_user_confirm}: {@code false} is no-confirm mode, absent or {@code true} is
 * confirm mode.
 */
public record CreateServiceOrderCommand(MerchantId mchid, CreateOrder body, String requestedBy) {
  public CreateServiceOrderCommand {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(body, "body == null");
    Objects.requireNonNull(requestedBy, "requestedBy == null");
  }

  public ConfirmationMode mode() {
    return Boolean.FALSE.equals(body.needUserConfirm())
        ? ConfirmationMode.NO_CONFIRM
        : ConfirmationMode.CONFIRM;
  }
}
