/** Training use case: encode, calibrate on held-out data with simulated unknowns, choose the threshold, train the final ensemble. */
package dev.chatbot.training;
