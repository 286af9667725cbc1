/** Where work runs off the HTTP event loops: the classification and I/O thread pools. */
package dev.chatbot.web.offload;
