package dev.vodhook.emulator.internal.storage;

/** The temporary COS key ApplyUpload hands out ({@code TempCertificate}); {@code expiredTime} in unix seconds. */
public record TempCredential(String secretId, String secretKey, String token, long expiredTime) {

    @Override
    public String toString() {
        return "TempCredential[secretId=" + secretId + ", secretKey=***, token=***, expiredTime=" + expiredTime + "]";
    }
}
