/** Opening hours: a weekly schedule in a time zone with dated exceptions, and when the team is next back. */
package dev.chatbot.hours;
