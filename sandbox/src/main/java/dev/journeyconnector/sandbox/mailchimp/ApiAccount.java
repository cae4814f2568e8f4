package dev.journeyconnector.sandbox.mailchimp;

/**
 * The Mailchimp account a world simulates ({@code mailchimp/account.json}).
 *
 * @param apiKey      the key clients must send: 32 hex digits, a dash and the data centre ({@code ...-us21})
 * @param dataCenter  the data centre the key names, e.g. {@code us21}
 * @param accountName the account's name
 */
public record ApiAccount(String apiKey, String dataCenter, String accountName) {
    /** The key used when a world has no {@code mailchimp/} folder (sandbox-only, not a credential). */
    public static final ApiAccount EMPTY_WORLD = new ApiAccount("00000000000000000000000000000000-us21", "us21", "Sandbox");

    @Override
    public String toString() {
        return "ApiAccount[dataCenter=" + dataCenter + ", accountName=" + accountName + ", apiKey=***]";
    }
}
