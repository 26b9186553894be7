interface ServiceConfig {
  service: string;
  provider: { name: string; memorySize: number };
}

const config: ServiceConfig = { service: 'ts-service', provider: { name: 'aws', memorySize: 256 } };

export default config;
