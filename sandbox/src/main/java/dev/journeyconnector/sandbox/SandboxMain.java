package dev.journeyconnector.sandbox;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox standalone until Ctrl-C:
 * {@code java -cp <jar> dev.journeyconnector.sandbox.SandboxMain [--port 8089] [--world DIR] [--data DIR] [--reset]
 * [--deploy-metadata DIR]}, where {@code --deploy-metadata salesforce/force-app/main/default} gives the Salesforce org
 * the connector's custom object and fields, as an admin's deployment would.
 */
public final class SandboxMain {
    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path world = null;
        Path data = null;
        Path metadata = null;
        boolean reset = false;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--world" -> world = Path.of(value(args, ++i, "--world"));
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--reset" -> reset = true;
                case "--deploy-metadata" -> metadata = Path.of(value(args, ++i, "--deploy-metadata"));
                default -> usage("unknown argument " + args[i]);
            }
        }
        Sandbox sandbox = Sandbox.start(new SandboxOptions(world, data, reset, port, metadata));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println("Salesforce sandbox: " + sandbox.salesforceUrl()
                + "  (token endpoint " + sandbox.salesforceUrl() + "/services/oauth2/token,"
                + " SOAP " + sandbox.salesforceUrl() + "/services/Soap/u/65.0)");
        if (metadata != null) {
            System.out.println("Salesforce metadata deployed from " + metadata);
        }
        System.out.println("Connected app client id: " + sandbox.salesforceClientId()
                + "  client secret: " + sandbox.salesforceClientSecret() + "  (sandbox-only credentials)");
        System.out.println("Zendesk sandbox: " + sandbox.zendeskUrl() + "  (subdomain " + sandbox.zendesk().account().subdomain()
                + ", agent " + sandbox.zendesk().account().agentEmail() + ", API token "
                + sandbox.zendesk().account().apiToken() + ": sandbox-only credentials)");
        System.out.println("Mailchimp sandbox: " + sandbox.mailchimpUrl() + "/3.0  (API key " + sandbox.mailchimp().apiKey()
                + ": sandbox-only)");
        System.out.println("Controls: " + sandbox.salesforceUrl() + "/__sandbox/salesforce/counters, "
                + sandbox.zendeskUrl() + "/__sandbox/zendesk/counters, " + sandbox.mailchimpUrl()
                + "/__sandbox/mailchimp/counters. Ctrl-C stops"
                + (data == null ? " (state is not kept: no --data)." : " and saves state under " + data + "."));
        stopped.await();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            usage(flag + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: SandboxMain [--port 8089] [--world DIR] [--data DIR] [--reset] [--deploy-metadata DIR]");
        System.exit(2);
    }
}
