package dev.vodhook.emulator;

/** The temporary COS key ApplyUpload hands out ({@code TempCertificate}); {@code expiredTime} in unix seconds. */
record TempCredential(String secretId, String secretKey, String token, long expiredTime) {

    @Override
    public String toString() {
        return "TempCredential[secretId=" + secretId + ", secretKey=***, token=***, expiredTime=" + expiredTime + "]";
    }
}
