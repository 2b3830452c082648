package kerbshell;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class KerbshellApplication {
    public static void main(String[] args) {
        SpringApplication.run(KerbshellApplication.class, args);
    }
}
