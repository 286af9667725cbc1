package dev.chatbot.web;

import dev.chatbot.cli.Main;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The chatbot web service: chat API, widget, webhooks, agent console. */
@SpringBootApplication
public class ChatbotApplication {

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(Main.usage("serve"));
            return;
        }
        if (arguments.contains("--version")) {
            System.out.println("chatbot " + Main.version());
            return;
        }
        SpringApplication.run(ChatbotApplication.class, ServeArguments.toSpring(args));
    }
}
