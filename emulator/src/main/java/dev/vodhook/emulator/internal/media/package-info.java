/**
 * Not API. Media: the media record and its repository, what DescribeMediaInfos shows of it, the
 * accepted media and cover types, ingest of uploaded originals, new media made by EditMedia, ComposeMedia and
 * PullUpload, and the download of PullUpload sources.
 */
package dev.vodhook.emulator.internal.media;
