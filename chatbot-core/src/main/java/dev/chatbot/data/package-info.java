/** Training data: the shipped FAQ format, CSV and Rasa NLU YAML import, with precise file:line errors. */
package dev.chatbot.data;
