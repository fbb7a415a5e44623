package dev.payscore.samples.rental;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A rental service that completes Pay Score orders when a rental is returned. */
@SpringBootApplication
public class RentalApplication {
  public static void main(String[] args) {
    SpringApplication.run(RentalApplication.class, args);
  }
}
