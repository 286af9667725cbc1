/** {@link dev.chatbot.web.channel.ChannelStore} in files under the data dir (the embedded set-up). */
package dev.chatbot.web.channel.store.file;
