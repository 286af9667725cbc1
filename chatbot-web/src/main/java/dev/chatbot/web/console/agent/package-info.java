/** Agent accounts (bcrypt hashes, roles AGENT and ADMIN) and presence, behind the {@link dev.chatbot.web.console.agent.ConsoleStore} port. */
package dev.chatbot.web.console.agent;
