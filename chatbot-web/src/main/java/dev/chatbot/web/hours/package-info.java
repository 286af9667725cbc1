/** Opening hours in the service: the hours in force (configured or saved by an admin), their console API and the widget's availability. */
package dev.chatbot.web.hours;
