import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

export interface WebProps {
  /** The `web` function of FUNCTION_SPECS. */
  fn: lambda.Function;
  /** Hosted UI prefix (`<prefix>.auth.<region>.amazoncognito.com`), globally unique (context `webAuthDomainPrefix`). */
  domainPrefix: string;
}

/**
 * The officers' web (ADR 0021): the web function behind a Function URL (the app signs users in
 * itself), an Amazon Cognito user pool with its hosted UI (authorization code + PKCE), the
 * app client, and the group `heads`. Inspection and officer ids are immutable custom
 * attributes set by the administrator who creates the user; no self sign-up.
 *
 * The client's callback URL names the Function URL and the function needs the client id: to keep
 * the graph acyclic, the function reads pool, client and domain from one SSM parameter at cold
 * start (WEB_SETTINGS_PARAMETER), not from its environment.
 */
export class Web extends Construct {
  readonly url: lambda.FunctionUrl;
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    this.url = props.fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    this.userPool = new cognito.UserPool(this, 'Users', {
      userPoolName: 'uii-connect-officers',
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: false } },
      customAttributes: {
        inspection_id: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
        officer_id: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus plan: threat protection (compromised credentials, adaptive sign-in) enforced.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new cognito.CfnUserPoolGroup(this, 'Heads', {
      userPoolId: this.userPool.userPoolId,
      groupName: 'heads',
      description: 'Начальники инспекций: видят все дела своей инспекции',
    });
    const domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });

    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: {},
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [`${this.url.url}auth/callback`],
        logoutUrls: [this.url.url],
      },
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true })
        .withCustomAttributes('inspection_id', 'officer_id'),
      // Users cannot change what decides their access.
      writeAttributes: new cognito.ClientAttributes(),
    });

    const parameterName = '/uii-connect/web/cognito';
    new ssm.StringParameter(this, 'Settings', {
      parameterName,
      description: 'Cognito pool, client and hosted UI of the officers web',
      stringValue: Stack.of(this).toJsonString({
        userPoolId: this.userPool.userPoolId,
        clientId: this.client.userPoolClientId,
        domain: domain.baseUrl(),
      }),
    });
    props.fn.addEnvironment('WEB_SETTINGS_PARAMETER', parameterName);
    // By name, not by reference: a reference to the parameter would close the cycle again.
    props.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [
          Stack.of(this).formatArn({
            service: 'ssm',
            resource: 'parameter',
            resourceName: parameterName.slice(1),
          }),
        ],
      }),
    );

    new CfnOutput(Stack.of(this), 'WebUrl', { value: this.url.url, description: 'The officers web' });
    new CfnOutput(Stack.of(this), 'WebUserPoolId', { value: this.userPool.userPoolId });
  }
}
