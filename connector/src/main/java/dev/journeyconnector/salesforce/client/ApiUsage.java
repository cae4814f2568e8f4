package dev.journeyconnector.salesforce.client;
public record ApiUsage(long used, long limit) {}
