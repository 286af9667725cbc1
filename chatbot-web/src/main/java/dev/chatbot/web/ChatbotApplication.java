package dev.chatbot.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The chatbot web service: chat API, widget, webhooks, agent console. */
@SpringBootApplication
public class ChatbotApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChatbotApplication.class, ServeArguments.toSpring(args));
    }
}
