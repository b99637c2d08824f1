package dev.ciorchestrator.cli;

/**
 * {@code [oci://]host[:port]/repository(:tag|@sha256:hex)}, as {@code verify} takes it.
 *
 * @param reference a tag or a digest
 */
record OciReference(String host, String repository, String reference) {
  static OciReference parse(String text) {
    String ref = text.startsWith("oci://") ? text.substring(6) : text;
    int slash = ref.indexOf('/');
    if (slash <= 0
        || !ref.substring(0, slash)
            .matches("[A-Za-z0-9.-]+(:[0-9]+)?|\\[[0-9a-fA-F:]+\\](:[0-9]+)?")) {
      throw new VerifyCommand.Unreadable(
          text + ": no such file, and not an OCI reference (host[:port]/repository:tag)");
    }
    String host = ref.substring(0, slash);
    String rest = ref.substring(slash + 1);
    int at = rest.indexOf('@');
    int colon = rest.lastIndexOf(':');
    String repository;
    String reference;
    if (at > 0) {
      repository = rest.substring(0, at);
      reference = rest.substring(at + 1);
    } else if (colon > rest.lastIndexOf('/')) {
      repository = rest.substring(0, colon);
      reference = rest.substring(colon + 1);
    } else {
      repository = rest;
      reference = "latest";
    }
    if (!repository.matches("[a-z0-9]+([._/-][a-z0-9]+)*")) {
      throw new VerifyCommand.Unreadable(text + ": '" + repository + "' is not a repository name");
    }
    return new OciReference(host, repository, reference);
  }
}
