/** The console store in a file under the data dir (one instance). */
package dev.chatbot.web.console.agent.file;
