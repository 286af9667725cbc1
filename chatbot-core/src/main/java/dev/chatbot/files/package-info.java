/** Files that hold secrets or personal data: owner-only permissions from the moment they exist. */
package dev.chatbot.files;
