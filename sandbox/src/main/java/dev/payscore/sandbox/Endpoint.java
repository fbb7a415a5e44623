package dev.payscore.sandbox;

/** The WeChat endpoints the sandbox serves; fault rules name them. */
public enum Endpoint {
  CREATE,
  QUERY,
  CANCEL,
  MODIFY,
  COMPLETE,
  SYNC,
  PAY,
  CERTIFICATES
}
