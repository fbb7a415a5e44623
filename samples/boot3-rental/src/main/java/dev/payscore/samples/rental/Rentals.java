package dev.payscore.samples.rental;

import org.springframework.data.jpa.repository.JpaRepository;

/** The rentals (JPA). */
public interface Rentals extends JpaRepository<Rental, String> {}
