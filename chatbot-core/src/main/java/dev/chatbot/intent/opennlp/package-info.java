/** Apache OpenNLP adapters: the text pipeline and the maxent document categorizer. */
package dev.chatbot.intent.opennlp;
