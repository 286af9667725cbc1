/** Spring Security for the console only: form login, session cookies, CSRF, roles checked against the store. */
package dev.chatbot.web.console.security;
