/**
 * Getting events into the inbox: the push callback ({@link CallbackIntake}, its signature check and refusal log),
 * the pull loop over the reliable callback queue ({@link PullIntake}), and the {@link GroupCommit} both append
 * through, with their settings.
 */
package dev.vodhook.service.intake;
